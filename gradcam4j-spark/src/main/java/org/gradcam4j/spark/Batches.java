package org.gradcam4j.spark;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * Turns a partition's rows into mini-batches and each batch into output rows, lazily: a partition of
 * any size holds only one batch in memory.
 */
final class Batches<I, O> implements Iterator<O> {
  private final Iterator<I> input;
  private final int batchSize;
  private final Function<List<I>, List<O>> process;
  private Iterator<O> current = Collections.emptyIterator();

  Batches(Iterator<I> input, int batchSize, Function<List<I>, List<O>> process) {
    this.input = input;
    this.batchSize = batchSize;
    this.process = process;
  }

  @Override
  public boolean hasNext() {
    while (!current.hasNext() && input.hasNext()) {
      List<I> batch = new ArrayList<>(batchSize);
      while (batch.size() < batchSize && input.hasNext()) {
        batch.add(input.next());
      }
      current = process.apply(batch).iterator();
    }
    return current.hasNext();
  }

  @Override
  public O next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return current.next();
  }
}
