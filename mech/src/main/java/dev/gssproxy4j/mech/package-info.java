/** gssproxy4j mech. */
package dev.gssproxy4j.mech;
