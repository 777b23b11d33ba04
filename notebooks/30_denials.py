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
# # 30 Denials: whose denials are reported, and with the accusation?
#
# A reported denial (*Valdoria denied targeting civilians*) is paired when the
# article also reports the accusation being denied; an unpaired denial puts the
# denier's framing first without the claim it answers.

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
    corpus_path, notebook="30_denials", out_dir=out_dir,
    event_id=event_id, outlets=outlets, exclude_wire=exclude_wire,
    seed=seed, n_boot=n_boot, features=("denials",))
rep.summary()

# %% [markdown]
# ## Denials per outlet and denying actor
# Paired (the accusation is reported in the same article) or not.

# %%
data = rep.denial_counts()
fig = tk.figures.denials_paired(data)
rep.export(fig, data, "paired")
fig

# %% [markdown]
# ## Denial measures with bootstrap intervals
# Outlet estimates pooled over articles; 95% intervals resample articles.

# %%
data = rep.dots("denials")
fig = tk.figures.measure_dots(data, colors=rep.colors)
rep.export(fig, data, "measures")
fig

# %% [markdown]
# ## Evidence: the denials in context
# Each denial cue with its sentence; `accusation_in_article` says whether it is paired.

# %%
rep.evidence("denials", "cue").head(20)
