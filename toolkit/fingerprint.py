"""Outlet fingerprint: can the outlet be told from its framing measures alone?

A classifier is trained to predict an article's outlet from its row of the
``measures`` table (attribution, casualty agency and denial rates and shares,
never the words themselves). If it does clearly better than always guessing the
largest outlet, the outlets frame events in systematically different ways; the
coefficients say which measures carry the difference.

The model is ``make_pipeline(SimpleImputer(strategy="median"),
StandardScaler(), LogisticRegression())``. Shares are NaN for an article without
instances of the family (see :mod:`toolkit.measures`); the imputer fills them
with the training folds' median, so an article is not pushed toward an outlet by
an undefined value. Accuracy is estimated by stratified k-fold
cross-validation with shuffling under ``seed``; every prediction comes from a
model that did not see the article.

>>> import numpy as np, pandas as pd
>>> rng = np.random.default_rng(0)
>>> m = pd.DataFrame({"doc_id": [f"d{i}" for i in range(40)],
...                   "agency_nominal_share": np.r_[rng.normal(0.2, .05, 20), rng.normal(.8, .05, 20)],
...                   "attribution_per_1k": rng.normal(5, 1, 40)})
>>> arts = pd.DataFrame({"doc_id": m["doc_id"], "outlet": ["x"] * 20 + ["y"] * 20})
>>> r = fingerprint(m, arts, seed=0)
>>> r.accuracy, r.baseline
(1.0, 0.5)
>>> top = r.top_features(1)
>>> top["measure"].tolist(), (top["coefficient"] > 0).tolist()
(['agency_nominal_share', 'agency_nominal_share'], [False, True])
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from sklearn.base import clone
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import confusion_matrix
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import StandardScaler

from .compare import drop_wire_copies
from .measures import measure_kind


@dataclass
class FingerprintReport:
    """The cross-validated outlet classifier and what separates the outlets.

    Attributes
    ----------
    accuracy : float
        Share of articles whose outlet is predicted right (out of fold).
    baseline : float
        Accuracy of always predicting the most frequent outlet.
    fold_accuracy : list of float
        Accuracy per fold.
    cv : int
        Folds used (reduced to the smallest outlet's article count).
    confusion : DataFrame
        Rows: true outlet; columns: predicted outlet; article counts.
    coefficients : DataFrame
        ``outlet, measure, coefficient``, from the model fitted on all
        articles (standardised measures, so coefficients are comparable),
        sorted by absolute size. Positive: a higher value of the measure makes
        that outlet more likely. With two outlets the binary model's single
        coefficient vector is reported for each outlet with opposite signs.
    predictions : DataFrame
        ``doc_id, outlet, predicted``, out of fold.
    measures : list of str
        Measures used.
    dropped : list of str
        Outlets left out for having fewer than 2 articles.
    model : Pipeline
        The pipeline fitted on all articles.
    p_value : float
        With ``n_permutations``: the share of label permutations whose
        cross-validated accuracy reaches the observed one, ``(1 + k) /
        (n_permutations + 1)`` (Ojala & Garriga 2010); NaN otherwise.
    """

    accuracy: float
    baseline: float
    fold_accuracy: list
    cv: int
    confusion: pd.DataFrame
    coefficients: pd.DataFrame
    predictions: pd.DataFrame
    measures: list
    dropped: list = field(default_factory=list)
    model: Pipeline | None = None
    seed: int = 0
    p_value: float = float("nan")
    n_permutations: int = 0

    def summary(self) -> pd.DataFrame:
        """One-row table: accuracy, baseline, lift, articles, outlets, folds, seed."""
        return pd.DataFrame([{
            "accuracy": self.accuracy, "baseline": self.baseline,
            "lift": self.accuracy - self.baseline,
            "accuracy_sd": float(np.std(self.fold_accuracy)) if self.fold_accuracy else np.nan,
            "n_articles": len(self.predictions), "n_outlets": self.confusion.shape[0],
            "cv": self.cv, "seed": self.seed, "p_value": self.p_value,
            "n_permutations": self.n_permutations}])

    def top_features(self, k: int = 5) -> pd.DataFrame:
        """The ``k`` measures with the largest coefficient for each outlet."""
        c = self.coefficients.assign(size=self.coefficients["coefficient"].abs())
        return (c.sort_values(["outlet", "size"], ascending=[True, False])
                .groupby("outlet", sort=True).head(k).drop(columns="size")
                .reset_index(drop=True))


def default_measures(measures: pd.DataFrame) -> list[str]:
    """Measures that describe framing, not article length: rates and shares.

    Counts (``*_count``) are left out, since they grow with article length,
    which is a property of the outlet's format rather than its framing; pass
    ``measure_names`` to include them.
    """
    return [c for c in measures.columns if c != "doc_id"
            and pd.api.types.is_numeric_dtype(measures[c])
            and measure_kind(c) in ("rate", "share")]


def fingerprint(measures: pd.DataFrame, articles: pd.DataFrame, *, seed: int = 0, cv: int = 5,
                measure_names: Iterable[str] | None = None, C: float = 1.0,
                exclude_wire: bool = False, n_permutations: int = 0) -> FingerprintReport:
    """Cross-validate an outlet classifier over the measures table.

    Parameters
    ----------
    measures : DataFrame
        The measures table (:func:`toolkit.measures.article_measures`).
    articles : DataFrame
        ``doc_id, outlet`` (``wire_group`` for ``exclude_wire``).
    seed : int
        Seed of the fold shuffle (and of the solver).
    cv : int
        Folds; reduced to the size of the smallest outlet (at least 2).
    measure_names : list of str, optional
        Columns to use (default :func:`default_measures`). Columns that are NaN
        for every article are dropped.
    C : float
        Inverse L2 regularisation strength of the logistic regression.
    exclude_wire : bool
        Keep one article per wire group (the earliest): a reprint is not the
        outlet's own framing, and a copy in both train and test folds would
        inflate accuracy.
    n_permutations : int
        When > 0, also test the accuracy against chance: the outlet labels are
        shuffled ``n_permutations`` times and the whole cross-validation is
        rerun (:func:`sklearn.model_selection.permutation_test_score`), giving
        ``p_value``. Costs ``n_permutations x cv`` model fits.

    Raises
    ------
    ValueError
        Fewer than two outlets with at least two articles each.
    """
    meta = articles[[c for c in ("doc_id", "outlet", "wire_group") if c in articles.columns]]
    meta = meta.astype({"doc_id": str})
    if exclude_wire:
        meta = drop_wire_copies(meta)
    m = measures.astype({"doc_id": str})
    df = meta.merge(m, on="doc_id", how="inner").dropna(subset=["outlet"])
    sizes = df["outlet"].value_counts()
    dropped = sorted(map(str, sizes[sizes < 2].index))
    df = df[~df["outlet"].isin(dropped)].sort_values("doc_id", ignore_index=True)
    if df["outlet"].nunique() < 2:
        raise ValueError("fingerprint needs at least two outlets with two or more articles "
                         f"each; have {sizes.to_dict()}")
    cols = list(measure_names) if measure_names is not None else default_measures(measures)
    cols = [c for c in cols if df[c].notna().any()]
    if not cols:
        raise ValueError("no measure column with any value")
    X = df[cols].astype(float)
    y = df["outlet"].astype(str).to_numpy()
    folds = int(max(2, min(cv, df["outlet"].value_counts().min())))
    model = make_pipeline(SimpleImputer(strategy="median"), StandardScaler(),
                          LogisticRegression(C=C, max_iter=5000, random_state=seed))
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    pred = cross_val_predict(model, X, y, cv=splitter)
    fold_acc = [float(np.mean(pred[test] == y[test])) for _, test in splitter.split(X, y)]
    labels = sorted(set(y))
    conf = pd.DataFrame(confusion_matrix(y, pred, labels=labels), index=labels, columns=labels)
    conf.index.name, conf.columns.name = "outlet", "predicted"
    model.fit(X, y)
    coef = model[-1].coef_
    classes = list(model[-1].classes_)
    if coef.shape[0] == 1:  # binary: one vector, for classes_[1]
        coef = np.vstack([-coef[0], coef[0]])
    rows = [{"outlet": o, "measure": c, "coefficient": float(coef[i, j])}
            for i, o in enumerate(classes) for j, c in enumerate(cols)]
    coefs = pd.DataFrame(rows, columns=["outlet", "measure", "coefficient"])
    coefs = (coefs.assign(size=coefs["coefficient"].abs())
             .sort_values(["size", "outlet", "measure"], ascending=[False, True, True])
             .drop(columns="size").reset_index(drop=True))
    p_value = float("nan")
    if n_permutations > 0:
        from sklearn.model_selection import permutation_test_score

        _, _, p_value = permutation_test_score(
            clone(model), X, y, cv=splitter, n_permutations=n_permutations,
            random_state=seed, scoring="accuracy")
    return FingerprintReport(
        accuracy=float(np.mean(pred == y)),
        baseline=float(pd.Series(y).value_counts(normalize=True).iloc[0]),
        fold_accuracy=fold_acc, cv=folds, confusion=conf, coefficients=coefs,
        predictions=pd.DataFrame({"doc_id": df["doc_id"], "outlet": y, "predicted": pred}),
        measures=cols, dropped=dropped, model=model, seed=seed, p_value=float(p_value),
        n_permutations=int(n_permutations))
