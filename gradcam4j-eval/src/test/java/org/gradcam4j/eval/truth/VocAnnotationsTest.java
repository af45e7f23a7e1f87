package org.gradcam4j.eval.truth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VocAnnotationsTest {
  @TempDir
  Path dir;

  private static final String TWO_OBJECTS = """
      <annotation>
        <folder>VOC2007</folder>
        <filename>000001.jpg</filename>
        <size><width>353</width><height>500</height><depth>3</depth></size>
        <object>
          <name>dog</name><pose>Left</pose><truncated>1</truncated><difficult>0</difficult>
          <bndbox><xmin>48</xmin><ymin>240</ymin><xmax>195</xmax><ymax>371</ymax></bndbox>
        </object>
        <object>
          <name>person</name><difficult>1</difficult>
          <bndbox><xmin>8.0</xmin><ymin>12</ymin><xmax>352</xmax><ymax>498</ymax></bndbox>
        </object>
      </annotation>
      """;

  @Test
  void readsObjectsAndConvertsToEdgeCoordinates() throws Exception {
    Path xml = Files.writeString(dir.resolve("000001.xml"), TWO_OBJECTS);
    List<AnnotatedObject> boxes = VocAnnotations.read(xml);
    assertThat(boxes).containsExactly(
        new AnnotatedObject("dog", new Box(47, 239, 195, 371), false),
        new AnnotatedObject("person", new Box(7, 11, 352, 498), true));
    // 1-based inclusive 48..195 is 148 pixel columns
    assertThat(boxes.get(0).box().width()).isEqualTo(148);
  }

  @Test
  void findsTheAnnotationNextToTheImageOrInAFolder() throws Exception {
    Files.writeString(dir.resolve("000001.xml"), TWO_OBJECTS);
    Path image = dir.resolve("000001.jpg");
    assertThat(VocAnnotations.nextToImages().find(image)).isPresent()
        .get().satisfies(gt -> assertThat(gt.objects()).hasSize(2));
    assertThat(VocAnnotations.nextToImages().find(dir.resolve("000002.jpg"))).isEmpty();
    Path other = Files.createDirectory(dir.resolve("images"));
    assertThat(VocAnnotations.inFolder(dir).find(other.resolve("000001.png"))).isPresent();
  }

  @Test
  void errorsNameTheFileAndTheProblem() throws Exception {
    Path noBox = Files.writeString(dir.resolve("a.xml"),
        "<annotation><object><name>cat</name></object></annotation>");
    assertThatThrownBy(() -> VocAnnotations.read(noBox)).isInstanceOf(GroundTruthException.class)
        .hasMessageContaining("a.xml").hasMessageContaining("cat").hasMessageContaining("<bndbox>");
    Path badNumber = Files.writeString(dir.resolve("b.xml"), "<annotation><object><name>cat</name><bndbox>"
        + "<xmin>one</xmin><ymin>1</ymin><xmax>2</xmax><ymax>2</ymax></bndbox></object></annotation>");
    assertThatThrownBy(() -> VocAnnotations.read(badNumber)).isInstanceOf(GroundTruthException.class)
        .hasMessageContaining("b.xml").hasMessageContaining("xmin").hasMessageContaining("one");
    Path broken = Files.writeString(dir.resolve("c.xml"), "<annotation><object>");
    assertThatThrownBy(() -> VocAnnotations.read(broken)).isInstanceOf(GroundTruthException.class)
        .hasMessageContaining("c.xml").hasMessageContaining("not well-formed");
    Path wrongRoot = Files.writeString(dir.resolve("d.xml"), "<svg/>");
    assertThatThrownBy(() -> VocAnnotations.read(wrongRoot)).hasMessageContaining("<svg>");
    assertThatThrownBy(() -> VocAnnotations.read(dir.resolve("missing.xml")))
        .isInstanceOf(GroundTruthException.class).hasMessageContaining("does not exist");
  }

  @Test
  void refusesDocumentTypeDeclarations() throws Exception {
    Path secret = Files.writeString(dir.resolve("secret.txt"), "42");
    Path xxe = Files.writeString(dir.resolve("x.xml"), "<?xml version=\"1.0\"?>\n"
        + "<!DOCTYPE annotation [<!ENTITY s SYSTEM \"" + secret.toUri() + "\">]>\n"
        + "<annotation><object><name>&s;</name><bndbox><xmin>1</xmin><ymin>1</ymin><xmax>2</xmax>"
        + "<ymax>2</ymax></bndbox></object></annotation>");
    assertThatThrownBy(() -> VocAnnotations.read(xxe)).isInstanceOf(GroundTruthException.class);
  }
}
