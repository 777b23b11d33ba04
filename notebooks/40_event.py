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
# # 40 One event across outlets
#
# One event, every outlet side by side: who speaks, how casualties are
# described, and whose denials are reported. Set `event_id` (default: the first
# event of the corpus) and optionally `outlets`.

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
    corpus_path, notebook="40_event", out_dir=out_dir,
    event_id=event_id, outlets=outlets, exclude_wire=exclude_wire,
    seed=seed, n_boot=n_boot, first_event=True)
rep.summary()

# %% [markdown]
# ## Reporting verbs

# %%
data = rep.verb_shares()
fig = tk.figures.verb_mix(data, order=tk.measures.VERB_CLASSES)
rep.export(fig, data, "verbs")
fig

# %% [markdown]
# ## Agency ladder

# %%
data = rep.agency_shares()
fig = tk.figures.agency_ladder(data, order=tk.measures.AGENCY_CLASSES)
rep.export(fig, data, "ladder")
fig

# %% [markdown]
# ## Denials

# %%
data = rep.denial_counts()
fig = tk.figures.denials_paired(data)
rep.export(fig, data, "denials")
fig

# %% [markdown]
# ## All share measures for this event
# Estimates for this event only; with one article per outlet, intervals are wide
# or absent and every cell is flagged `small_n`.

# %%
data = rep.dots(("attribution", "agency", "denials"))
fig = tk.figures.measure_dots(data, colors=rep.colors)
rep.export(fig, data, "measures")
fig
