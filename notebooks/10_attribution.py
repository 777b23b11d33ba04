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
# # 10 Attribution: who speaks, with which verbs
#
# Every attributed statement (direct quote, indirect speech, *according to*) is
# extracted with its source and reporting verb. Verb classes follow the
# reporting-verbs lexicon (`toolkit/lexicons/README.md`): neutral verbs (*said*)
# versus distancing (*claimed*) or endorsing (*confirmed*) ones.

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
    corpus_path, notebook="10_attribution", out_dir=out_dir,
    event_id=event_id, outlets=outlets, exclude_wire=exclude_wire,
    seed=seed, n_boot=n_boot, features=("attribution",))
rep.summary()

# %% [markdown]
# ## Reporting verbs per outlet
# Share of each outlet's attributions by verb class.

# %%
data = rep.verb_shares()
fig = tk.figures.verb_mix(data, order=tk.measures.VERB_CLASSES)
rep.export(fig, data, "verbs")
fig

# %% [markdown]
# ## Who gets to speak
# Share of each outlet's attributions whose source is each actor of the corpus
# codebook (unresolved sources are grouped).

# %%
data = rep.voice()
fig = tk.figures.voice_share(data, colors=rep.colors)
rep.export(fig, data, "voice")
fig

# %% [markdown]
# ## Attribution measures with bootstrap intervals
# Outlet estimates pooled over articles; 95% intervals resample articles.
# Hollow markers: few articles or instances (`small_n`).

# %%
data = rep.dots("attribution")
fig = tk.figures.measure_dots(data, colors=rep.colors)
rep.export(fig, data, "measures")
fig

# %% [markdown]
# ## Evidence: distancing verbs in context
# The sentences behind `attribution_verb_distancing_share` (first 20).

# %%
rep.evidence("attribution", "cue", measure="attribution_verb_distancing_share").head(20)
