#!/usr/bin/env python3
"""Train the event model (src/dyadwatch/data/event_model.json): which candidate events the
rules propose are right, learned from hand-annotated real articles.

    pip install -e '.[train]'          # scikit-learn, only for training
    python scripts/train_event_model.py [--folds 5] [--target-precision 0.82] [--dry-run]

Training documents: our own annotations of real news articles (training/annotations/*.jsonl,
gold format: ../shared/gold/README.md), the PETRARCH-2 validation set
(../shared/gold/petr2_validation.jsonl) and the train split of ConfliBERT's cameo_class
sentences (../shared/data/anchors/ConfliBERT/data/cameo_class/train.tsv). Never
realnews_dev.jsonl, PolNeAR's test split or ConfliBERT's test splits: those measure.

Each document is coded with the model switched off. In the gold-format sets, every candidate
the shared scorer would score (not negated, not a statement, both actors with a country) is
labelled right if it matches a gold event of its document (required or optional), else wrong;
so is every candidate with a source of some country and no target, right if a gold event of its
sentence has its root and source (the scorer never scores these, but users read them).
In cameo_class, whose sentences carry the class of their main event (statement, verbal or
material cooperation or conflict), every candidate that is not negated is right if its
CAMEO root falls in that class, else wrong. A logistic
regression over the candidates' features is cross-validated by document (grouped folds), the
threshold that keeps precision at the target with the most recall on the pooled out-of-fold
predictions of the scored candidates is chosen (and one for the candidates without a target,
never below it), and the model fitted on everything is written with its figures.
Deterministic: fixed folds and solver, sorted features.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
OUT = ROOT / "src" / "dyadwatch" / "data" / "event_model.json"
CAMEO_CLASS = SHARED / "data" / "anchors" / "ConfliBERT" / "data" / "cameo_class" / "train.tsv"
# on 144 annotated articles, cross-validated AUC on them: 0.751 at weight 1, 0.758 at 1.5, 0.761 at 2,
# 0.761 at 3 (overall 0.841, 0.838, 0.834, 0.825); 2 favours what users feed without losing the rest.
# PETRARCH-2's hand-coded sentences weigh the same (on 313 articles: their in-sample F1 0.76 at
# weight 1, 0.80 at 2; the articles' cross-validated AUC 0.800 and 0.799; the 59 held-out
# articles 105 right / 68 false and 106 / 69): cameo_class's labels are a sentence's class only
REAL_WEIGHT = 2.0
HAND_CODED = ("annotations", "petrarch2")
SOURCES = {"annotations": sorted((ROOT / "training" / "annotations").glob("*.jsonl")),
           "petrarch2": [SHARED / "gold" / "petr2_validation.jsonl"],
           "cameo_class": [CAMEO_CLASS]}


def penta(root: str) -> int:
    """ConfliBERT's five classes by CAMEO root (as ../shared/tools/score_pentaclass.py)."""
    r = int(root)
    return 0 if r <= 1 else 1 if r <= 5 else 2 if r <= 9 else 3 if r <= 14 else 4


def class_fits(root: str, label: int) -> bool:
    """Whether an event of this root is the sentence's class. ConfliBERT's coders class
    sanctions, expulsions and cut ties (CAMEO 16, "reduce relations") as verbal conflict as
    often as material conflict, so root 16 fits both (else the model learns that sanctions
    are wrong)."""
    return penta(root) == label or (root == "16" and label == 3)


def _cameo_class_rows(path: Path) -> list[dict]:
    out = []
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
        text, _, label = line.rpartition("\t")
        if text and label.strip().isdigit():
            out.append({"id": f"cc-train-{i}", "text": text, "class": int(label)})
    return out


def load_documents() -> list[tuple[str, dict]]:
    docs = []
    for source, files in SOURCES.items():
        for f in files:
            if not f.exists():
                sys.exit(f"train_event_model: {f} is missing: the training data is "
                         f"training/annotations/ and ../shared/gold/ beside the checkout")
            if f.suffix == ".tsv":
                docs += [(source, d) for d in _cameo_class_rows(f)]
            else:
                docs += [(source, json.loads(line)) for line in f.open(encoding="utf-8")
                         if line.strip()]
    return docs


def candidates(docs):
    """(document index, source, features, label, scored) for every candidate with a label:
    those the scorer scores, and in the gold-format sets those without a target
    (`targetless_verdict`)."""
    from tqdm import tqdm

    from dyadwatch.evaluate import event_verdict, targetless_verdict
    from dyadwatch.pipeline import Pipeline
    from dyadwatch.records import Extraction, InputDocument

    pipeline = Pipeline(decide=False)
    inputs = [InputDocument(str(d["id"]), d["text"], d.get("published")) for _, d in docs]
    rows = []
    results = pipeline.process_many(inputs)
    for n, ((source, gold), result) in enumerate(tqdm(zip(docs, results), total=len(docs),
                                                      desc="coding", unit="doc")):
        if not isinstance(result, Extraction):
            continue
        for event in result.events:
            scored = True
            if "class" in gold:
                verdict = None if event.negated else class_fits(event.root, gold["class"])
            else:
                verdict = event_verdict(event.to_dict(), gold)
                if verdict is None:
                    verdict, scored = targetless_verdict(event.to_dict(), gold), False
            if verdict is not None:
                rows.append((n, source, event.features, verdict, scored))
    return rows


def threshold_for(probs, labels, target: float) -> tuple[float, float, float]:
    """The lowest threshold whose kept candidates are right at least `target` of the time
    (precision, recall of the right candidates) on out-of-fold predictions."""
    pairs = sorted(zip(probs, labels), reverse=True)
    total_right = sum(labels) or 1
    best = (1.0, 0.0, 0.0)
    right = 0
    for k, (p, y) in enumerate(pairs, 1):
        right += y
        if right / k >= target:
            best = (p, right / k, right / total_right)
    return best


def kept_figures(probs, labels, threshold: float) -> tuple[float | None, float]:
    """Precision (None if none is kept) and recall of the right candidates among those scored
    at least `threshold`."""
    kept = probs >= threshold
    return (float(labels[kept].mean()) if kept.any() else None,
            float(labels[kept].sum() / max(1, labels.sum())))


def kept_summary(probs, labels, threshold: float) -> dict:
    """`kept_figures` as the model file records them."""
    precision, recall = kept_figures(probs, labels, threshold)
    return {"cv_precision_kept": None if precision is None else round(precision, 3),
            "cv_recall_kept": round(recall, 3)}


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--repeats", type=int, default=9,
                    help="cross-validation runs, each with the documents dealt to the folds anew")
    # 0.82, not 0.80: the out-of-fold estimate is noisy (small rule changes moved the 0.80
    # threshold from 0.376 to 0.388 and back), and the promise is precision of at least 0.80
    ap.add_argument("--target-precision", type=float, default=0.82,
                    help="the pooled out-of-fold precision the default threshold keeps")
    # 0.70, not the scored events' 0.82: their precision curve is flat and low, so at 0.82 the
    # threshold jumped between 0.84 and 0.94 with small rule changes (keeping 4-26% of the right
    # ones), and with 234 and then 274 articles no threshold reached 0.75 (0.98 kept none);
    # ConfliBERT's cameo_class and coders' sets read these events
    ap.add_argument("--target-precision-without-target", type=float, default=0.70,
                    help="the precision the threshold for events without a target keeps (their "
                         "out-of-fold precision stays under 0.75 at every threshold on the "
                         "annotated articles)")
    ap.add_argument("--real-weight", type=float, default=REAL_WEIGHT,
                    help="weight of a candidate from our annotated real articles and PETRARCH-2's "
                         "hand-coded sentences, against 1 for cameo_class (real articles are what "
                         "users feed, and hand-coded events are the fewest)")
    ap.add_argument("--threshold-from", choices=["all", *SOURCES], default="all",
                    help="the candidates whose out-of-fold precision sets the threshold")
    ap.add_argument("--dry-run", action="store_true", help="report, do not write the model")
    args = ap.parse_args(argv)

    import numpy as np
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import brier_score_loss, roc_auc_score

    docs = load_documents()
    rows = candidates(docs)
    groups = np.array([r[0] for r in rows])
    labels = np.array([int(r[3]) for r in rows])
    vec = DictVectorizer(sort=True, sparse=False)
    X = vec.fit_transform([r[2] for r in rows])
    weight = np.array([args.real_weight if r[1] in HAND_CODED else 1.0 for r in rows])

    def model():
        return LogisticRegression(C=0.5, max_iter=2000, solver="liblinear", random_state=0)

    # the threshold keeps the precision the scorer measures: from the scored candidates only
    chosen = [i for i, r in enumerate(rows) if r[4] and args.threshold_from in ("all", r[1])]
    targetless = [i for i, r in enumerate(rows) if not r[4]]
    # one split of the documents gives a threshold that moves with which documents share a fold;
    # each repeat deals the documents to the folds anew (seeded), and the median threshold of the
    # repeats is kept; the figures below are of the out-of-fold scores averaged over the repeats
    oof = np.zeros(len(rows))
    thresholds, alone_thresholds = [], []
    documents = np.unique(groups)
    for repeat in range(args.repeats):
        order = np.random.RandomState(repeat).permutation(documents)
        fold_of = {doc: k % args.folds for k, doc in enumerate(order)}
        folds = np.array([fold_of[g] for g in groups])
        scores = np.zeros(len(rows))
        for fold in range(args.folds):
            train, test = folds != fold, folds == fold
            scores[test] = model().fit(X[train], labels[train], sample_weight=weight[train]) \
                .predict_proba(X[test])[:, 1]
        oof += scores / args.repeats
        thresholds.append(threshold_for(scores[chosen].tolist(), labels[chosen].tolist(),
                                        args.target_precision)[0])
        alone_thresholds.append(threshold_for(
            scores[targetless].tolist(), labels[targetless].tolist(),
            args.target_precision_without_target)[0])
    # in hundredths, rounded up: events are kept by their confidence in hundredths
    threshold, alone = (math.ceil(round(float(np.median(t)) * 100, 6)) / 100
                        for t in (thresholds, alone_thresholds))
    precision, recall = kept_figures(oof[chosen], labels[chosen], threshold)
    final = model().fit(X, labels, sample_weight=weight)
    weights = {name: round(float(w), 4) for name, w in zip(vec.feature_names_, final.coef_[0])
               if abs(w) >= 1e-4}
    by_source = {}
    for s in SOURCES:
        idx = [i for i, r in enumerate(rows) if r[1] == s and r[4]]
        by_source[s] = {"documents": sum(1 for src, _ in docs if src == s), "candidates": len(idx),
                        "right": int(labels[idx].sum()),
                        "cv_roc_auc": round(float(roc_auc_score(labels[idx], oof[idx])), 3)
                        if 0 < labels[idx].sum() < len(idx) else None,
                        **kept_summary(oof[idx], labels[idx], threshold)}
    alone_precision, alone_recall = kept_figures(oof[targetless], labels[targetless], alone)
    by_source["annotations, events without a target"] = {
        "candidates": len(targetless), "right": int(labels[targetless].sum()),
        "cv_roc_auc": round(float(roc_auc_score(labels[targetless], oof[targetless])), 3)
        if 0 < labels[targetless].sum() < len(targetless) else None,
        **kept_summary(oof[targetless], labels[targetless], alone)}
    about = {
        "trained": dt.date.today().isoformat(), "script": "scripts/train_event_model.py",
        "sources": by_source, "real_article_weight": args.real_weight,
        "candidates": len(rows), "right": int(labels.sum()),
        "rules_alone_precision": round(float(labels.mean()), 3),
        "cross_validation": {"folds": args.folds, "grouped_by": "document",
                             "roc_auc": round(float(roc_auc_score(labels, oof)), 3),
                             "brier": round(float(brier_score_loss(labels, oof)), 3),
                             "repeats": args.repeats,
                             "target_precision": args.target_precision,
                             "target_precision_without_target":
                                 args.target_precision_without_target,
                             "thresholds_of_repeats": [round(t, 3) for t in thresholds],
                             "threshold": round(threshold, 3),
                             "threshold_from": args.threshold_from,
                             "precision_at_threshold": round(precision or 0.0, 3),
                             "recall_of_right_candidates_at_threshold": round(recall, 3),
                             "threshold_without_target": round(alone, 3),
                             "precision_without_target": round(alone_precision or 0.0, 3),
                             "recall_without_target": round(alone_recall, 3)},
    }
    result = {"about": about, "threshold": round(threshold, 3),
              "threshold_without_target": round(max(alone, threshold), 3),
              "intercept": round(float(final.intercept_[0]), 4), "weights": weights}
    print(json.dumps(about))
    if not args.dry_run:
        OUT.write_text(json.dumps(result, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"train_event_model: {len(weights)} weights written to {OUT}", file=sys.stderr)
    return result


if __name__ == "__main__":
    main()
