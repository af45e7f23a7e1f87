#!/usr/bin/env bash
# t-SNE of 10 000 points: gradcam4j's Barnes-Hut t-SNE and scikit-learn's, one after the other on the
# same machine and the same points (the demo model's features of synthetic-benchmark images).
# Needs a compiled tree (./mvnw -q -o -pl gradcam4j-inspect -am test-compile) and python3-sklearn.
# Usage: bench/tsne-vs-sklearn.sh [OUT_DIR] [N]
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-target/tsne-bench}
n=${2:-10000}
mkdir -p "$out"
./mvnw -q -o -pl gradcam4j-inspect dependency:build-classpath -Dmdep.outputFile="$out/cp.txt" -Dmdep.includeScope=test
# The project's own modules from this tree rather than from the local repository.
cp=$(tr ':' '\n' < "$out/cp.txt" | grep -v '/org/gradcam4j/' | paste -sd: -)
cp="gradcam4j-inspect/target/test-classes:gradcam4j-inspect/target/classes:gradcam4j-eval/target/classes:gradcam4j-core/target/classes:gradcam4j-core/target/test-classes:$cp"
java -Xmx4g -cp "$cp" org.gradcam4j.inspect.embed.map.TsneBenchmark "$out" "$n"
/usr/bin/python3 bench/tsne_sklearn.py "$out"
