package org.gradcam4j.eval.truth;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * PASCAL VOC annotation files: {@code <annotation><object><name>dog</name><difficult>0</difficult>
 * <bndbox><xmin>48</xmin><ymin>240</ymin><xmax>195</xmax><ymax>371</ymax></bndbox></object>...}
 * (the format of VOC and of the ImageNet localisation boxes).
 *
 * <p>VOC coordinates are 1-based and inclusive: {@code xmin = 1} is the first pixel column and
 * {@code xmax} the last column covered. They become the edge coordinates of {@link Box} as
 * {@code x0 = xmin - 1}, {@code x1 = xmax}. As a {@link GroundTruthSource}, the annotation of
 * {@code photo.jpg} is {@code photo.xml} in the same folder (or in a given annotations folder).
 */
public final class VocAnnotations implements GroundTruthSource {
  private final Path annotationFolder;

  private VocAnnotations(Path annotationFolder) {
    this.annotationFolder = annotationFolder;
  }

  /** Looks for {@code <stem>.xml} next to each image. */
  public static VocAnnotations nextToImages() {
    return new VocAnnotations(null);
  }

  /** Looks for {@code <stem>.xml} in {@code folder}. */
  public static VocAnnotations inFolder(Path folder) {
    return new VocAnnotations(folder);
  }

  @Override
  public Optional<GroundTruth> find(Path image) {
    String name = image.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String stem = dot > 0 ? name.substring(0, dot) : name;
    Path folder = annotationFolder != null ? annotationFolder : image.toAbsolutePath().getParent();
    Path xml = folder.resolve(stem + ".xml");
    if (!Files.isRegularFile(xml)) {
      return Optional.empty();
    }
    return Optional.of(GroundTruth.ofBoxes(read(xml)));
  }

  /** The objects of one annotation file. */
  public static List<AnnotatedObject> read(Path xml) {
    Document doc;
    try (InputStream in = Files.newInputStream(xml)) {
      doc = newBuilder().parse(in);
    } catch (NoSuchFileException e) {
      throw new GroundTruthException("annotation file " + xml + " does not exist", e);
    } catch (IOException e) {
      throw new GroundTruthException("cannot read annotation file " + xml + ": " + e.getMessage(), e);
    } catch (SAXException e) {
      throw new GroundTruthException("annotation file " + xml + " is not well-formed XML: " + e.getMessage(), e);
    }
    Element root = doc.getDocumentElement();
    if (!root.getTagName().equals("annotation")) {
      throw new GroundTruthException("annotation file " + xml + " has root <" + root.getTagName()
          + ">, expected a PASCAL VOC <annotation>");
    }
    List<AnnotatedObject> boxes = new ArrayList<>();
    NodeList children = root.getChildNodes();
    int objectNumber = 0;
    for (int i = 0; i < children.getLength(); i++) {
      Node n = children.item(i);
      if (n instanceof Element e && e.getTagName().equals("object")) {
        objectNumber++;
        boxes.add(object(xml, e, objectNumber));
      }
    }
    return boxes;
  }

  private static AnnotatedObject object(Path xml, Element object, int number) {
    String where = "object " + number + " of " + xml;
    String name = text(object, "name");
    if (name == null || name.isEmpty()) {
      throw new GroundTruthException(where + " has no <name>");
    }
    Element box = child(object, "bndbox");
    if (box == null) {
      throw new GroundTruthException(where + " (" + name + ") has no <bndbox>");
    }
    double xmin = number(box, "xmin", where);
    double ymin = number(box, "ymin", where);
    double xmax = number(box, "xmax", where);
    double ymax = number(box, "ymax", where);
    if (xmax < xmin || ymax < ymin) {
      throw new GroundTruthException(where + " (" + name + ") has xmax < xmin or ymax < ymin");
    }
    String difficult = text(object, "difficult");
    return new AnnotatedObject(name, new Box(xmin - 1, ymin - 1, xmax, ymax),
        "1".equals(difficult) || "true".equalsIgnoreCase(difficult));
  }

  private static double number(Element parent, String tag, String where) {
    String t = text(parent, tag);
    if (t == null) {
      throw new GroundTruthException(where + " has no <" + tag + "> in its <bndbox>");
    }
    try {
      return Double.parseDouble(t);
    } catch (NumberFormatException e) {
      throw new GroundTruthException(where + " has <" + tag + ">" + t + "</" + tag + ">, not a number", e);
    }
  }

  private static Element child(Element parent, String tag) {
    NodeList list = parent.getChildNodes();
    for (int i = 0; i < list.getLength(); i++) {
      if (list.item(i) instanceof Element e && e.getTagName().equals(tag)) {
        return e;
      }
    }
    return null;
  }

  private static String text(Element parent, String tag) {
    Element e = child(parent, tag);
    return e == null ? null : e.getTextContent().trim();
  }

  // Annotation files come from the outside: no DTDs, no external entities.
  private static DocumentBuilder newBuilder() {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setXIncludeAware(false);
      f.setExpandEntityReferences(false);
      DocumentBuilder builder = f.newDocumentBuilder();
      // The default handler also prints to stderr; the exception alone is reported.
      builder.setErrorHandler(new org.xml.sax.helpers.DefaultHandler() {
        @Override
        public void error(org.xml.sax.SAXParseException e) throws SAXException {
          throw e;
        }

        @Override
        public void fatalError(org.xml.sax.SAXParseException e) throws SAXException {
          throw e;
        }
      });
      return builder;
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the JDK's XML parser lacks a standard feature", e);
    }
  }
}
