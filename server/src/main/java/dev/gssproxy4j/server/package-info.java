/** gssproxy4j server. */
package dev.gssproxy4j.server;
