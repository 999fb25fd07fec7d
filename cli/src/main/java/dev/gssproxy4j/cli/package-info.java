/** gssproxy4j cli. */
package dev.gssproxy4j.cli;
