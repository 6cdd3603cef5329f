#!/usr/bin/env python3
"""Validate the fresh evaluation set: every line parses, ids unique across files, roles valid,
by_turn indexes a customer turn, vocabulary matches the spec; print counts per file and label."""
import json, sys, collections, pathlib

HERE = pathlib.Path(__file__).parent
FILES = {"human.jsonl": "human", "routine.jsonl": "routine", "complaints.jsonl": "complaints",
         "sentiment.jsonl": "sentiment", "sensitive.jsonl": "sensitive", "multi-turn.jsonl": "multi-turn"}
REASONS = {"human_requested", "cannot_resolve", "repeated_failure", "frustration", "sensitive_topic", "vip",
           "sales_opportunity", "high_priority", "keyword", "rule", "ai_error"}
TOPICS = {"order", "shipping", "refund", "billing", "payment_dispute", "fraud_security", "account", "legal",
          "complaint", "cancellation", "technical", "sales", "other"}
EXPECT_KEYS = {"handover", "reasons", "topics", "not_reasons", "by_turn", "team"}

errors, ids, texts = [], {}, collections.defaultdict(list)
for fname, setname in FILES.items():
    path = HERE / fname
    counts = collections.Counter()
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        where = f"{fname}:{n}"
        try:
            c = json.loads(raw)
        except Exception as e:
            errors.append(f"{where}: bad JSON ({e})"); continue
        cid = c.get("id")
        if not isinstance(cid, str) or not cid:
            errors.append(f"{where}: missing id")
        elif cid in ids:
            errors.append(f"{where}: duplicate id {cid} (also {ids[cid]})")
        else:
            ids[cid] = where
        turns = c.get("turns")
        if not isinstance(turns, list) or not turns:
            errors.append(f"{where}: no turns"); continue
        for t in turns:
            if t.get("role") not in ("customer", "ai") or not isinstance(t.get("text"), str) or not t["text"].strip():
                errors.append(f"{where}: bad turn {t}")
        meta = c.get("meta", {})
        if meta.get("set") != setname:
            errors.append(f"{where}: meta.set {meta.get('set')!r} != {setname!r}")
        exp = c.get("expect")
        if exp is not None:
            if set(exp) - EXPECT_KEYS:
                errors.append(f"{where}: unknown expect keys {set(exp) - EXPECT_KEYS}")
            for k in ("reasons", "not_reasons"):
                for r in exp.get(k, []):
                    if r not in REASONS: errors.append(f"{where}: unknown reason {r}")
            for tp in exp.get("topics", []):
                if tp not in TOPICS: errors.append(f"{where}: unknown topic {tp}")
            if set(exp.get("reasons", [])) & set(exp.get("not_reasons", [])):
                errors.append(f"{where}: reason both expected and forbidden")
            if "by_turn" in exp:
                b = exp["by_turn"]
                if not isinstance(b, int) or not (0 <= b < len(turns)) or turns[b]["role"] != "customer":
                    errors.append(f"{where}: by_turn {b} does not index a customer turn")
                if exp.get("handover") is not True:
                    errors.append(f"{where}: by_turn without handover true")
        if setname in ("complaints", "sentiment") and "label" not in meta:
            errors.append(f"{where}: missing meta.label")
        if setname == "multi-turn" and not (2 <= len(turns) <= 5):
            errors.append(f"{where}: multi-turn case has {len(turns)} turns")
        for t in turns:
            texts[" ".join(t["text"].lower().split())].append(where)
        counts[meta.get("label", "-")] += 1
    print(f"{fname}: {sum(counts.values())}  " + ", ".join(f"{k}={v}" for k, v in sorted(counts.items())))

for t, where in texts.items():
    if len(where) > 1:
        errors.append(f"duplicate text {t!r} at {', '.join(where)}")
print(f"total cases: {len(ids)}")
if errors:
    print(f"{len(errors)} problem(s):"); [print("  " + e) for e in errors]; sys.exit(1)
print("OK")
