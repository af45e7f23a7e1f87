package org.gradcam4j.zoo;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.gradcam4j.error.GradCamException;

/**
 * Makes sure that only one download (thread or process) works on a cache file at a time, so that
 * two runs never write the same ".part" file. Within this JVM a lock per file serialises threads;
 * across processes an OS file lock on {@code <file>.lock} does. The lock file stays in the cache
 * after use: deleting it would let a process that just opened it lock a file nobody else sees.
 *
 * <p>Where the file system cannot lock files (some network shares), the lock is not exclusive
 * across processes; {@link #isExclusive()} then says so and the caller downloads into a private
 * temporary file instead of a shared, resumable one.
 */
final class CacheLock implements AutoCloseable {
  private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

  private final ReentrantLock local;
  private final FileChannel channel;
  private final FileLock fileLock;

  private CacheLock(ReentrantLock local, FileChannel channel, FileLock fileLock) {
    this.local = local;
    this.channel = channel;
    this.fileLock = fileLock;
  }

  /** Waits until this thread alone may work on {@code target}, telling {@code listener} when it has to wait. */
  static CacheLock acquire(Path target, ProgressListener listener) {
    Path key = target.toAbsolutePath().normalize();
    ReentrantLock local = IN_PROCESS.computeIfAbsent(key, k -> new ReentrantLock());
    if (!local.tryLock()) {
      listener.note("Waiting for another download of " + key.getFileName() + " to finish");
      try {
        local.lockInterruptibly();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new GradCamException("Interrupted while waiting for the download of " + key.getFileName(), e);
      }
    }
    Path lockFile = key.resolveSibling(key.getFileName() + ".lock");
    FileChannel channel = null;
    try {
      Files.createDirectories(lockFile.getParent());
      channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock == null) {
        listener.note("Waiting for another gradcam4j process that is downloading " + key.getFileName()
            + " (lock file " + lockFile + ")");
        lock = channel.lock();
      }
      return new CacheLock(local, channel, lock);
    } catch (IOException | UnsupportedOperationException e) {
      // No OS lock here: carry on with the in-process lock only (see isExclusive()).
      closeQuietly(channel);
      return new CacheLock(local, null, null);
    } catch (RuntimeException | Error e) {
      closeQuietly(channel);
      local.unlock();
      throw e;
    }
  }

  /** True when no other process can hold the same lock (false on file systems without locking). */
  boolean isExclusive() {
    return fileLock != null;
  }

  @Override
  public void close() {
    try {
      if (fileLock != null) {
        fileLock.release();
      }
    } catch (IOException ignored) {
      // closing the channel below releases the lock too
    } finally {
      closeQuietly(channel);
      local.unlock();
    }
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // nothing useful to do; the OS drops the lock with the handle
      }
    }
  }
}
