package org.gradcam4j.methods.layeringfixture;

/** Test fixture for LayeringTest: a class on the methods floor. */
public final class AMethod {}
