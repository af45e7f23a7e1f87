package org.gradcam4j.eval.truth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvGroundTruthTest {
  @TempDir
  Path dir;

  @Test
  void headerColumnsByNameAndSeveralBoxesPerFile() throws Exception {
    Path csv = Files.writeString(dir.resolve("ground_truth.csv"), """
        file,label,class,x0,y0,x1,y1
        images/0001.png,3,star,10,12,30,40
        images/0001.png,5,ring,40,2,60,20
        "images/odd, name.png",0,circle,0,0,8,8
        """);
    CsvGroundTruth gt = CsvGroundTruth.read(csv);
    assertThat(gt.files()).containsExactly("images/0001.png", "images/odd, name.png");
    assertThat(gt.boxes("images/0001.png")).containsExactly(
        new AnnotatedObject("3", new Box(10, 12, 30, 40)), new AnnotatedObject("5", new Box(40, 2, 60, 20)));
    assertThat(gt.find(dir.resolve("images/0001.png"))).isPresent()
        .get().satisfies(g -> assertThat(g.objects()).hasSize(2));
    assertThat(gt.find(dir.resolve("images/odd, name.png"))).isPresent();
    // unknown image: no ground truth, not an error
    assertThat(gt.find(dir.resolve("images/0002.png"))).isEmpty();
  }

  @Test
  void columnsInAnyOrderAndFileNameLookup() throws Exception {
    Path csv = Files.writeString(dir.resolve("boxes.csv"), """
        Y1,X1,Y0,X0,Label,File
        20,30,10,5,dog,a.jpg
        """);
    CsvGroundTruth gt = CsvGroundTruth.read(csv);
    assertThat(gt.boxes("a.jpg")).containsExactly(new AnnotatedObject("dog", new Box(5, 10, 30, 20)));
    // an image elsewhere with the same (unique) file name is still found
    assertThat(gt.find(Path.of("elsewhere", "a.jpg"))).isPresent();
  }

  @Test
  void withoutHeaderTheDefaultOrderApplies() throws Exception {
    Path csv = Files.writeString(dir.resolve("plain.csv"), "\uFEFFx.png,cat,1,2,3,4\n\nx.png,cat,5,6,7,8\n");
    CsvGroundTruth gt = CsvGroundTruth.read(csv);
    assertThat(gt.boxes("x.png")).hasSize(2);
    assertThat(gt.boxes("x.png").get(1).box()).isEqualTo(new Box(5, 6, 7, 8));
  }

  @Test
  void ambiguousFileNamesAreNotGuessed() throws Exception {
    Path csv = Files.writeString(dir.resolve("gt.csv"), "file,label,x0,y0,x1,y1\na/1.png,x,0,0,1,1\nb/1.png,y,0,0,1,1\n");
    CsvGroundTruth gt = CsvGroundTruth.read(csv);
    assertThat(gt.find(Path.of("somewhere", "1.png"))).isEmpty();
    assertThat(gt.find(dir.resolve("b/1.png"))).isPresent()
        .get().satisfies(g -> assertThat(g.objects().get(0).label()).isEqualTo("y"));
  }

  @Test
  void errorsNameTheLine() throws Exception {
    Path bad = Files.writeString(dir.resolve("bad.csv"), "file,label,x0,y0,x1,y1\na.png,x,0,0,1,1\nb.png,y,0,zero,1,1\n");
    assertThatThrownBy(() -> CsvGroundTruth.read(bad)).isInstanceOf(GroundTruthException.class)
        .hasMessageContaining("bad.csv line 3").hasMessageContaining("y0").hasMessageContaining("zero");
    Path shortRow = Files.writeString(dir.resolve("short.csv"), "a.png,x,0,0\n");
    assertThatThrownBy(() -> CsvGroundTruth.read(shortRow)).hasMessageContaining("line 1")
        .hasMessageContaining("x1");
    Path missingColumn = Files.writeString(dir.resolve("cols.csv"), "file,label,x0,y0,x1\n");
    assertThatThrownBy(() -> CsvGroundTruth.read(missingColumn)).hasMessageContaining("'y1'");
    Path reversed = Files.writeString(dir.resolve("rev.csv"), "a.png,x,10,0,5,1\n");
    assertThatThrownBy(() -> CsvGroundTruth.read(reversed)).hasMessageContaining("x1 < x0");
    Path quote = Files.writeString(dir.resolve("q.csv"), "\"a.png,x,0,0,1,1\n");
    assertThatThrownBy(() -> CsvGroundTruth.read(quote)).hasMessageContaining("unterminated");
    assertThatThrownBy(() -> CsvGroundTruth.read(dir.resolve("none.csv"))).hasMessageContaining("does not exist");
  }

  @Test
  void sourcesCombine() throws Exception {
    Files.writeString(dir.resolve("a.xml"), "<annotation><object><name>cat</name><bndbox><xmin>1</xmin>"
        + "<ymin>1</ymin><xmax>4</xmax><ymax>4</ymax></bndbox></object></annotation>");
    Path csv = Files.writeString(dir.resolve("gt.csv"), "file,label,x0,y0,x1,y1\nb.png,dog,0,0,2,2\n");
    GroundTruthSource source = VocAnnotations.nextToImages().orElse(CsvGroundTruth.read(csv));
    assertThat(source.find(dir.resolve("a.png")).orElseThrow().objects().get(0).label()).isEqualTo("cat");
    assertThat(source.find(dir.resolve("b.png")).orElseThrow().objects().get(0).label()).isEqualTo("dog");
    assertThat(source.find(dir.resolve("c.png"))).isEmpty();
    assertThat(GroundTruthSource.none().find(dir.resolve("a.png"))).isEmpty();
  }
}
