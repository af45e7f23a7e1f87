package org.gradcam4j.runtime;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.gradcam4j.error.GradCamException;

/**
 * Keeps compiled sessions for reuse, keyed by what they were compiled for. At most {@code capacity}
 * entries are kept; the least recently used one is evicted, and closed once no caller holds a lease on
 * it any more, so a session is never closed while it runs. Building a value for a key happens once
 * even when several threads ask for it at the same time.
 */
public final class SessionCache<V extends AutoCloseable> implements AutoCloseable {
  private final int capacity;
  private final LinkedHashMap<String, Entry<V>> entries = new LinkedHashMap<>(16, 0.75f, true);
  private boolean closed;

  public SessionCache(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1");
    }
    this.capacity = capacity;
  }

  /** A handle on a cached value; close it when done so the value can be released if evicted. */
  public interface Lease<V> extends AutoCloseable {
    V get();

    @Override
    void close();
  }

  private static final class Entry<V extends AutoCloseable> {
    private V value;
    private RuntimeException failure;
    private int leases;
    private boolean evicted;
    private boolean closedValue;

    synchronized V value(Supplier<V> factory) {
      if (value == null && failure == null) {
        try {
          value = factory.get();
        } catch (RuntimeException e) {
          failure = e;
        }
      }
      if (failure != null) {
        throw failure;
      }
      return value;
    }

    synchronized void release() {
      leases--;
      closeIfUnused();
    }

    synchronized void evict() {
      evicted = true;
      closeIfUnused();
    }

    private void closeIfUnused() {
      if (evicted && leases == 0 && value != null && !closedValue) {
        closedValue = true;
        try {
          value.close();
        } catch (Exception e) {
          throw new GradCamException("Cannot release a cached session: " + e.getMessage(), e);
        }
      }
    }
  }

  public Lease<V> acquire(String key, Supplier<V> factory) {
    Entry<V> entry;
    List<Entry<V>> evicted = new ArrayList<>();
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("the session cache is closed");
      }
      entry = entries.get(key);
      if (entry == null) {
        entry = new Entry<>();
        entries.put(key, entry);
        Iterator<Map.Entry<String, Entry<V>>> it = entries.entrySet().iterator();
        while (entries.size() > capacity && it.hasNext()) {
          Map.Entry<String, Entry<V>> oldest = it.next();
          if (oldest.getValue() != entry) {
            evicted.add(oldest.getValue());
            it.remove();
          }
        }
      }
      synchronized (entry) {
        entry.leases++;
      }
    }
    evicted.forEach(Entry::evict);
    Entry<V> leased = entry;
    V value;
    try {
      value = leased.value(factory);
    } catch (RuntimeException e) {
      synchronized (this) {
        entries.remove(key, leased);
      }
      leased.release();
      throw e;
    }
    return new Lease<>() {
      private boolean released;

      @Override
      public V get() {
        return value;
      }

      @Override
      public void close() {
        if (!released) {
          released = true;
          leased.release();
        }
      }
    };
  }

  public synchronized int size() {
    return entries.size();
  }

  @Override
  public void close() {
    List<Entry<V>> all;
    synchronized (this) {
      closed = true;
      all = new ArrayList<>(entries.values());
      entries.clear();
    }
    all.forEach(Entry::evict);
  }
}
