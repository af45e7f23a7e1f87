package org.gradcam4j.diagnose.failures;

/**
 * The model's answer for one labelled image.
 *
 * @param id the image's id in its data set
 * @param trueClass its label's class
 * @param predictedClass the class the model scores highest
 * @param confidence the softmax probability of the predicted class (the scores taken as logits)
 * @param trueClassConfidence the softmax probability of the true class
 */
public record Prediction(String id, int trueClass, int predictedClass, float confidence, float trueClassConfidence) {
  public boolean isWrong() {
    return predictedClass != trueClass;
  }
}
