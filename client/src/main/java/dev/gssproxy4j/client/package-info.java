/** gssproxy4j client. */
package dev.gssproxy4j.client;
