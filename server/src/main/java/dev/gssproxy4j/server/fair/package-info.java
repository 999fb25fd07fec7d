/** Fair sharing between uids: what many callers wait for is handed out with the uids taking turns. */
package dev.gssproxy4j.server.fair;
