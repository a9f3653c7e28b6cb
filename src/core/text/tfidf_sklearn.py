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
