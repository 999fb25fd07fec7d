/**
 * Conversions between the protocol's gssx values and the mechanism layer's objects, in one place, following
 * upstream's {@code gp_conv.c}: names, OIDs, credential usages, context descriptions.
 */
package dev.gssproxy4j.server.convert;
