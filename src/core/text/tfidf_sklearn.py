"""Checks the hand-computed values of tfidf.test.ts with scikit-learn.

    apt-get install python3-sklearn    # Debian bookworm: scikit-learn 1.2.1
    /usr/bin/python3 src/core/text/tfidf_sklearn.py

Prints each corpus's vectors (term: weight) and the profile similarities, to compare
with the numbers written in the test. The test itself needs no Python.
"""
import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer


def show(titles):
    v = TfidfVectorizer()  # lowercase, token_pattern r"(?u)\b\w\w+\b", smooth idf, l2 norm
    X = v.fit_transform(titles).toarray()
    names = v.get_feature_names_out()
    print("idf", {t: repr(w) for t, w in zip(names, v.idf_)})
    for title, row in zip(titles, X):
        print(repr(title), {t: repr(w) for t, w in zip(names, row) if w})
    return X


X = show(["Café Tacvba", "café café Ñu", "Ñu", ""])
profile = 5 * X[0] + 1 * X[2]
profile /= np.linalg.norm(profile)
print("similarities to 5·d0 + d2:", [repr(s) for s in X @ profile])
show(["𝐀𝐁 test 𝐀", "İstanbul x_y 2 42", "Naïve 東京 ΣΟΦΟΣ", "a b c", "TEST test"])
show(["Café Tacvba", "Ñu"])

# With a `reclab recommend --hybrid --json` output of the bundled Digital Music sample
# (and the user it was made for), check each listed similarity against scikit-learn:
#   node bin/reclab.js recommend --data public/samples/reviews_Digital_Music_5.first6908.json.gz \
#     --meta public/samples/meta_Digital_Music.rated382.json.gz --user A3EBHHCZO6V2A4 \
#     --algo SVD --hybrid --n 100 --json > /tmp/hybrid.json
#   /usr/bin/python3 src/core/text/tfidf_sklearn.py /tmp/hybrid.json A3EBHHCZO6V2A4
import sys

if len(sys.argv) == 3:
    import ast
    import gzip
    import html
    import json
    import re

    samples = "public/samples/"
    titles = {}
    for line in gzip.open(samples + "meta_Digital_Music.rated382.json.gz", "rt"):
        r = ast.literal_eval(line)
        # What the lab's displayText does to these titles (no tags in them): decode, collapse spaces.
        titles[r["asin"]] = re.sub(r"\s+", " ", html.unescape(r.get("title", ""))).strip()
    rows = [json.loads(line) for line in gzip.open(samples + "reviews_Digital_Music_5.first6908.json.gz", "rt")]
    items = sorted({r["asin"] for r in rows})
    X = TfidfVectorizer().fit_transform([titles.get(i, "") for i in items]).toarray()
    at = {a: k for k, a in enumerate(items)}
    profile = sum(r["overall"] * X[at[r["asin"]]] for r in rows if r["reviewerID"] == sys.argv[2])
    profile = profile / np.linalg.norm(profile)
    listed = json.loads(open(sys.argv[1]).read().strip().split("\n")[-1])["items"]
    worst = max(abs(X[at[it["item"]]] @ profile - it["similarity"]) for it in listed)
    print(f"{len(listed)} listed items; largest |similarity - scikit-learn| = {worst:.3g}")
