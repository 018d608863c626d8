"""Figures of the validation appendix (framing.validation.figures): confusion matrices and the alpha forest plot."""

import numpy as np
import pandas as pd

from framing.validation.figures import alpha_figure, confusion_figure


def test_confusion_figure_writes_every_count_and_alpha_figure_marks_undefined():
    matrix = pd.DataFrame([[4, 1, 0], [2, 3, 0], [0, 0, 7]], index=["favor", "against", "none"],
                          columns=["favor", "against", "none"])
    fig = confusion_figure(matrix, "stance_russia")
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert sorted(texts) == sorted(str(v) for v in matrix.to_numpy().ravel())
    assert fig.axes[0].get_title(loc="left") == "stance_russia: coders against the machine (n=17)"
    table = pd.DataFrame({"variable": ["kind", "sentiment"], "level": "nominal", "alpha": [0.5, np.nan],
                          "ci_low": [0.1, np.nan], "ci_high": [0.8, np.nan], "units": [9, 1]})
    labels = [t.get_text() for t in alpha_figure(table).axes[0].texts]
    assert "0.50 [0.10, 0.80]  n=9" in labels and "undefined  n=1" in labels
