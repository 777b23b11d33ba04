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
# # 20 Casualty agency: who is made the doer of harm
#
# Each mention of people killed or wounded is classed on an agency ladder, from
# a named agent in an active clause (*jets killed 14*) through passives with and
# without a *by*-agent (*14 were killed*) to intransitive and nominal forms that
# hide agency altogether (*14 died*, *the death toll*).

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
    corpus_path, notebook="20_casualty_agency", out_dir=out_dir,
    event_id=event_id, outlets=outlets, exclude_wire=exclude_wire,
    seed=seed, n_boot=n_boot, features=("agency",))
rep.summary()

# %% [markdown]
# ## Agency ladder per outlet
# Share of each outlet's casualty mentions on each rung.

# %%
data = rep.agency_shares()
fig = tk.figures.agency_ladder(data, order=tk.measures.AGENCY_CLASSES)
rep.export(fig, data, "ladder")
fig

# %% [markdown]
# ## Named agents
# The agents of harm each outlet names most often (codebook actor when resolved).

# %%
data = rep.named_agents()
fig = tk.figures.named_counts(data, colors=rep.colors)
rep.export(fig, data, "agents")
fig

# %% [markdown]
# ## Agency measures with bootstrap intervals
# Outlet estimates pooled over articles; 95% intervals resample articles.

# %%
data = rep.dots("agency")
fig = tk.figures.measure_dots(data, colors=rep.colors)
rep.export(fig, data, "measures")
fig

# %% [markdown]
# ## Evidence: agentless passives in context
# The mentions behind `agency_agentless_passive_share` (first 20).

# %%
rep.evidence("agency", "trigger", measure="agency_agentless_passive_share").head(20)
