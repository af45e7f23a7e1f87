"""scikit-learn's t-SNE on the points gradcam4j mapped, and the trustworthiness (k = 5) of both maps.

Part of bench/tsne-vs-sklearn.sh; not used by the build. Needs numpy and scikit-learn
(Debian: apt-get install python3-sklearn).
"""
import sys
import time

import numpy as np
import sklearn
from sklearn.manifold import TSNE, trustworthiness
from sklearn.neighbors import KNeighborsClassifier
from sklearn.model_selection import cross_val_score

d = sys.argv[1]
x = np.load(f"{d}/features.npy").astype(np.float32)
labels = np.load(f"{d}/labels.npy").astype(int)
java = np.load(f"{d}/map-java.npy")

t0 = time.perf_counter()
ours = TSNE(n_components=2, perplexity=30.0, init="pca", learning_rate="auto", method="barnes_hut",
            angle=0.5, n_iter=1000, random_state=0).fit_transform(x)
seconds = time.perf_counter() - t0
np.save(f"{d}/map-sklearn.npy", ours)
print(f"scikit-learn {sklearn.__version__} Barnes-Hut t-SNE: {x.shape[0]} points x {x.shape[1]} dims in {seconds:.1f} s")


def knn_accuracy(y):
    # leave-one-out 10-NN accuracy in the map
    from sklearn.neighbors import NearestNeighbors
    nn = NearestNeighbors(n_neighbors=11).fit(y)
    idx = nn.kneighbors(y, return_distance=False)[:, 1:]
    votes = labels[idx]
    pred = np.array([np.bincount(v, minlength=labels.max() + 1).argmax() for v in votes])
    return (pred == labels).mean()


for name, y in (("gradcam4j", java), ("scikit-learn", ours)):
    print(f"{name}: trustworthiness(k=5) {trustworthiness(x, y, n_neighbors=5):.4f}, "
          f"10-NN accuracy in 2-D {knn_accuracy(y):.4f}")
