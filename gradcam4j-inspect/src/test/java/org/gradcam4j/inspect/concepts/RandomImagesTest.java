package org.gradcam4j.inspect.concepts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.gradcam4j.inspect.InspectFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RandomImagesTest {
  @TempDir
  Path tmp;

  @Test
  void aFolderOfImagesIsAPoolAndAFolderOfFoldersIsSets() throws Exception {
    Path pool = InspectFixtures.randomImages(tmp.resolve("pool"), 4, 8, 1, false);
    Files.createDirectories(pool.resolve("ignored-subfolder"));
    RandomImages p = RandomImages.of(pool);
    assertThat(p.isPool()).isTrue();
    assertThat(p.pool().size()).isEqualTo(4);
    assertThat(p.maxRepeats()).isEqualTo(Integer.MAX_VALUE);

    Path sets = tmp.resolve("sets");
    for (String name : new String[] {"r2", "r0", "r1"}) {
      InspectFixtures.randomImages(sets.resolve(name), 2, 8, name.hashCode(), false);
    }
    RandomImages s = RandomImages.of(sets);
    assertThat(s.isPool()).isFalse();
    assertThat(s.sets()).extracting(f -> f.folder().getFileName().toString()).containsExactly("r0", "r1", "r2");
    assertThat(s.maxRepeats()).isEqualTo(2);
  }

  @Test
  void aFolderWithNeitherSaysWhatItNeeds() throws Exception {
    Path one = tmp.resolve("one");
    InspectFixtures.randomImages(one.resolve("only"), 2, 8, 1, false);
    assertThatThrownBy(() -> RandomImages.of(one)).hasMessageContaining("holds no images and 1 sub-folders");
    assertThatThrownBy(() -> RandomImages.of(tmp.resolve("missing"))).hasMessageContaining("does not exist");
    Path emptySet = tmp.resolve("empty-set");
    InspectFixtures.randomImages(emptySet.resolve("a"), 2, 8, 1, false);
    Files.createDirectories(emptySet.resolve("b"));
    assertThatThrownBy(() -> RandomImages.of(emptySet)).hasMessageContaining("No .png, .jpg or .jpeg images in");
  }
}
