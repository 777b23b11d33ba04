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
# # 00 Overview: what the corpus covers
#
# Which outlets published how much, when, and on which events; and which articles
# are wire copy (reprints of the same agency report), which inflate agreement
# between outlets and can be dropped with `exclude_wire=True`.

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
    corpus_path, notebook="00_overview", out_dir=out_dir,
    event_id=event_id, outlets=outlets, exclude_wire=exclude_wire,
    seed=seed, n_boot=n_boot, features=())
rep.summary()

# %% [markdown]
# ## Coverage over time
# Articles per outlet and publication day.

# %%
data = rep.coverage()
fig = tk.figures.coverage_timeline(data, colors=rep.colors)
rep.export(fig, data, "timeline")
fig

# %% [markdown]
# ## Articles per event
# How many articles each outlet contributes to each event: comparisons are only
# as good as the thinnest cell.

# %%
data = rep.event_counts()
fig = tk.figures.articles_per_event(data, colors=rep.colors)
rep.export(fig, data, "events")
fig

# %% [markdown]
# ## Wire copy
# Articles sharing most of their text with an earlier article (one row per
# article in a wire group; empty when there is none).

# %%
rep.wire_flags()
