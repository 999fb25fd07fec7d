/** gssproxy4j testkit. */
package dev.gssproxy4j.testkit;
