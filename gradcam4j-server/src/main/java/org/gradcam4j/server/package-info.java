/**
 * The explain server: an embedded HTTP server (Javalin on Jetty) with the explain page and a REST API
 * in the shape of KServe's V1 explain protocol. It is a client of the library below it; which models it
 * serves is decided by whoever starts it ({@link org.gradcam4j.server.ModelSource}), never by a request.
 */
package org.gradcam4j.server;
