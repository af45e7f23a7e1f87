package org.gradcam4j.eval.run;

import java.util.List;
import org.gradcam4j.data.GroundTruthFolder;

/** The images of a {@link GroundTruthFolder}, with their masks, boxes and class indices. */
final class GroundTruthFolderData implements EvaluationData {
  private final GroundTruthFolder folder;

  GroundTruthFolderData(GroundTruthFolder folder) {
    this.folder = folder;
  }

  @Override
  public int size() {
    return folder.size();
  }

  @Override
  public String id(int index) {
    return folder.entries().get(index).imageFile();
  }

  @Override
  public EvaluationImage load(int index) {
    return EvaluationImage.of(id(index), folder.load(index));
  }

  @Override
  public String describe() {
    return "ground-truth folder " + folder.directory().toAbsolutePath().normalize();
  }

  @Override
  public List<String> classNames() {
    return folder.classNames();
  }
}
