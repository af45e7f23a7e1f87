package org.gradcam4j.inspect.embed;

/** One search result: the row of the indexed vector and its distance to the query. */
public record Neighbour(int index, double distance) {}
