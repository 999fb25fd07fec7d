/**
 * Fair sharing between uids: what many callers wait for is handed out with the uids taking turns. The daemon's one
 * use is {@link dev.gssproxy4j.server.fair.GssCalls}, the fair permits a whole request runs under.
 */
package dev.gssproxy4j.server.fair;
