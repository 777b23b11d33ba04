# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 50 Fingerprint: can the outlet be told from its framing?
#
# A classifier over the article-level measures (standardised, logistic
# regression, cross-validated by article) predicts which outlet wrote an article.
# A confusion matrix far from the diagonal means the outlets frame events alike;
# the weights show which measures tell them apart.

# %% tags=["parameters"]
corpus_path: str = "corpora/demo"  # corpus folder, or a .jsonl(.gz) file such as BASIL's
event_id: str = ""  # one event id; empty for all events
outlets: list = []  # subset of outlet ids, [] for all outlets
out_dir: str = ""  # folder for figure files, set by mbt batch; empty: display only
seed: int = 0  # bootstrap / permutation seed
n_boot: int = 1000  # bootstrap replicates for confidence intervals
exclude_wire: bool = False  # drop wire copies (keep the earliest article of each group)

# %%
import toolkit as tk
import toolkit.figures
import toolkit.measures
import toolkit.report

# %%
rep = tk.report.prepare(
    corpus_path, notebook="50_fingerprint", out_dir=out_dir,
    event_id=event_id, outlets=outlets, exclude_wire=exclude_wire,
    seed=seed, n_boot=n_boot)
rep.summary()

# %% [markdown]
# ## Every share measure per outlet
# The profile the classifier learns from, with bootstrap intervals.

# %%
data = rep.dots(("attribution", "agency", "denials"))
fig = tk.figures.measure_dots(data, colors=rep.colors)
rep.export(fig, data, "profile")
fig

# %% [markdown]
# ## How well is the outlet predicted?
# Out-of-fold accuracy against always guessing the largest outlet (`baseline`).

# %%
rep.fingerprint()

# %% [markdown]
# ## Confusion matrix
# Rows: the outlet that wrote the article; columns: the predicted outlet.

# %%
data = rep.confusion()
fig = tk.figures.confusion_matrix(data)
rep.export(fig, data, "confusion")
fig

# %% [markdown]
# ## What tells the outlets apart
# The largest standardised coefficients per outlet: positive values make the
# outlet more likely.

# %%
data = rep.weights()
fig = tk.figures.feature_bars(data, colors=rep.colors)
rep.export(fig, data, "weights")
fig
