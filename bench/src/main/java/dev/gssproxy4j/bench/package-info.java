/** gssproxy4j bench. */
package dev.gssproxy4j.bench;
