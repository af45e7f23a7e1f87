package org.gradcam4j.zoo;

import org.gradcam4j.model.ModelCard;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.UUID;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.io.AtomicFiles;

/**
 * The local folder of downloaded catalogue models: {@code resolve("resnet50")} returns the path of
 * the model file, downloading, verifying and unpacking it the first time and simply returning it
 * afterwards, also without network.
 *
 * <p><b>Where:</b> the folder given by the system property {@value #CACHE_PROPERTY}, else by the
 * environment variable {@value #CACHE_ENV}, else {@code ~/.cache/gradcam4j}. Files live in its
 * {@code models} sub-folder under the names of the catalogue ({@link RemoteFile#fileName()}),
 * next to the label files and a {@link ModelCard} per model, so that a cached model carries its
 * pre-processing, labels, layer and score tensor like a user's own model.
 *
 * <p><b>Verification:</b> every file is checked against the catalogue's size and SHA-256 once;
 * a small {@code <file>.verified} record then saves hashing it on later runs (it only counts while
 * the file keeps its size and modification time). A file saved into the folder by hand, following
 * the instructions of a failed download, is verified the same way before it is used.
 *
 * <p><b>Concurrency:</b> downloads of the same file are serialised by a lock ({@code <file>.lock});
 * a second run waits and then uses the first run's file. Files appear under their final name only
 * when complete and verified.
 */
public final class ModelCache {
  /** System property naming the cache folder. */
  public static final String CACHE_PROPERTY = "gradcam4j.cache";
  /** Environment variable naming the cache folder (used when the property is not set). */
  public static final String CACHE_ENV = "GRADCAM4J_CACHE";

  private final Path root;
  private final ModelCatalog catalog;
  private final ModelDownloader downloader;

  /**
   * @param root the cache folder (created when needed)
   * @param catalog the models that can be resolved by name
   * @param downloader fetches what is missing
   */
  public ModelCache(Path root, ModelCatalog catalog, ModelDownloader downloader) {
    this.root = root.toAbsolutePath().normalize();
    this.catalog = catalog;
    this.downloader = downloader;
  }

  /** The cache at {@link #defaultRoot()} with the built-in catalogue and a default downloader. */
  public static ModelCache openDefault() {
    return new ModelCache(defaultRoot(), ModelCatalog.builtIn(), new ModelDownloader());
  }

  /** The cache folder chosen by {@value #CACHE_PROPERTY}, {@value #CACHE_ENV} or the home folder, in that order. */
  public static Path defaultRoot() {
    return defaultRoot(System.getProperty(CACHE_PROPERTY), System.getenv(CACHE_ENV), System.getProperty("user.home"));
  }

  static Path defaultRoot(String property, String environment, String home) {
    for (String configured : new String[] {property, environment}) {
      if (configured != null && !configured.isBlank()) {
        String path = configured.trim();
        // "~" is expanded by shells but not when the value comes from -D or a launcher script.
        if (path.equals("~") || path.startsWith("~/")) {
          path = home + path.substring(1);
        }
        return Path.of(path).toAbsolutePath().normalize();
      }
    }
    if (home == null || home.isBlank()) {
      throw new GradCamException("Cannot choose a model cache folder: the home folder is unknown; set -D"
          + CACHE_PROPERTY + "=<folder> or the environment variable " + CACHE_ENV);
    }
    return Path.of(home, ".cache", "gradcam4j").toAbsolutePath().normalize();
  }

  public Path root() {
    return root;
  }

  /** The folder holding the models, label files and model cards. */
  public Path modelsDir() {
    return root.resolve("models");
  }

  public ModelCatalog catalog() {
    return catalog;
  }

  /** Where the model of {@code entry} is (or will be) kept. */
  public Path modelPath(CatalogEntry entry) {
    return modelsDir().resolve(entry.modelFileName());
  }

  /** {@link #resolve(String, ProgressListener)} without progress reports. */
  public Path resolve(String name) {
    return resolve(name, ProgressListener.NONE);
  }

  /**
   * The local path of the catalogue model {@code name}, downloading it (with its labels) when it is
   * not in the cache yet.
   *
   * @throws GradCamException for an unknown name (listing the known ones)
   * @throws ModelDownloadException when a download fails; the message says how to download by hand
   * @throws ChecksumMismatchException when a downloaded or hand-placed file has the wrong checksum
   */
  public Path resolve(String name, ProgressListener listener) {
    return resolve(catalog.require(name), listener);
  }

  /** As {@link #resolve(String, ProgressListener)}, for an entry of this cache's catalogue. */
  public Path resolve(CatalogEntry entry, ProgressListener listener) {
    Path model = entry.archive() == null ? fetch(entry.download(), listener) : unpack(entry, listener);
    Optional<Path> labels = catalog.labelsOf(entry).map(set -> fetch(set.file(), listener));
    Path card = ModelCard.sidecarFor(model);
    if (!Files.exists(card)) {
      // Written once: a user who edits the card of a cached model keeps the edits.
      entry.toModelCard(labels.map(l -> model.getParent().relativize(l).toString()).orElse(null)).write(card);
    }
    return model;
  }

  /** True when the model of {@code entry} and its labels are in the cache and were verified. */
  public boolean isCached(CatalogEntry entry) {
    String expected = entry.download().sha256();
    boolean model = vouched(modelPath(entry), expected);
    return model && catalog.labelsOf(entry).map(set -> vouched(target(set.file()), set.file().sha256())).orElse(true);
  }

  /**
   * The verified local copy of {@code file}: taken from the cache when it was verified before,
   * verified when it was saved there by hand, downloaded otherwise.
   */
  public Path fetch(RemoteFile file, ProgressListener listener) {
    Path target = target(file);
    if (vouched(target, file.sha256())) {
      return target;
    }
    try (CacheLock lock = CacheLock.acquire(target, listener)) {
      if (vouched(target, file.sha256())) {
        return target; // another run finished it while this one waited
      }
      if (Files.exists(target) && verifyExisting(file, target, listener)) {
        return target;
      }
      // Without an exclusive lock another process might use the same ".part" file, so a private one
      // is used (and the download cannot be resumed).
      Path part = lock.isExclusive() ? target.resolveSibling(file.fileName() + ".part")
          : target.resolveSibling(file.fileName() + "." + UUID.randomUUID() + ".part");
      try {
        downloader.download(file, target, part, listener);
      } finally {
        if (!lock.isExclusive()) {
          delete(part);
        }
      }
      record(target, file.sha256(), file.sha256());
      return target;
    }
  }

  /**
   * Checks a file that is in the cache without a valid record. Returns true when it is the right
   * file; returns false when it is an older version that gradcam4j itself downloaded (it is deleted
   * so that the current one is fetched); fails for a wrong file placed by hand.
   */
  private boolean verifyExisting(RemoteFile file, Path target, ProgressListener listener) {
    Optional<VerificationRecord> old = VerificationRecord.readFor(target);
    if (old.isPresent() && !file.sha256().equals(old.get().verifiedAgainst())) {
      listener.note("The cached " + file.fileName() + " is an older version; replacing it");
      delete(target);
      delete(VerificationRecord.pathFor(target));
      return false;
    }
    listener.note("Verifying " + target + " (first use)");
    String actual;
    try {
      actual = Sha256.of(target);
    } catch (IOException e) {
      throw new GradCamException("Cannot read " + target + " to verify it: " + e.getMessage(), e);
    }
    if (!actual.equals(file.sha256())) {
      throw new ChecksumMismatchException("The file " + target + " in the model cache is not the expected "
          + file.fileName() + ": its sha256 is " + actual + " but should be " + file.sha256() + " ("
          + file.size() + " bytes). Delete it to let gradcam4j download the right one, or replace it by hand.\n"
          + ModelDownloader.manualInstructions(file, target), file.sha256(), actual);
    }
    record(target, actual, file.sha256());
    return true;
  }

  /** Makes sure the model of an archive entry is unpacked (and the archive, once unpacked, deleted). */
  private Path unpack(CatalogEntry entry, ProgressListener listener) {
    Path model = modelPath(entry);
    String archiveSha = entry.download().sha256();
    if (vouched(model, archiveSha)) {
      return model;
    }
    CacheLock lock = CacheLock.acquire(model, listener);
    try {
      if (vouched(model, archiveSha)) {
        return model;
      }
      if (Files.exists(model)) {
        if (VerificationRecord.readFor(model).isEmpty()) {
          throw new GradCamException("The file " + model + " is in the model cache but cannot be verified: the "
              + "publisher gives a checksum only for the archive " + entry.download().fileName()
              + " that contains it. Delete it to let gradcam4j download and unpack the archive, or save the archive "
              + "by hand.\n" + ModelDownloader.manualInstructions(entry.download(), target(entry.download())));
        }
        listener.note("The cached " + model.getFileName() + " is an older version; replacing it");
        delete(model);
      }
      Path archive = fetch(entry.download(), listener);
      listener.note("Unpacking " + model.getFileName() + " from " + archive.getFileName());
      MessageDigest digest = Sha256.newDigest();
      AtomicFiles.write(model, out -> {
        DigestOutputStream hashing = new DigestOutputStream(out, digest);
        TarGzMember.extract(archive, entry.archive().member(), hashing);
        hashing.flush(); // not closed: AtomicFiles closes the file itself
      });
      record(model, Sha256.hex(digest), archiveSha);
      // The unpacked model is verified through the archive's checksum; keeping the archive too would
      // double the space the model takes.
      delete(archive);
      delete(VerificationRecord.pathFor(archive));
      return model;
    } finally {
      lock.close();
    }
  }

  private Path target(RemoteFile file) {
    return modelsDir().resolve(file.fileName());
  }

  private static boolean vouched(Path file, String expected) {
    return VerificationRecord.readFor(file).map(r -> r.vouchesFor(file, expected)).orElse(false);
  }

  private static void record(Path file, String sha256, String verifiedAgainst) {
    try {
      VerificationRecord.of(file, sha256, verifiedAgainst).writeFor(file);
    } catch (IOException e) {
      throw new GradCamException("Cannot record the verification of " + file + ": " + e.getMessage(), e);
    }
  }

  private static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new GradCamException("Cannot delete " + file + ": " + e.getMessage(), e);
    }
  }
}
