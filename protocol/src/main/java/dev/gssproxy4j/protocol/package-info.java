/** gssproxy4j protocol. */
package dev.gssproxy4j.protocol;
