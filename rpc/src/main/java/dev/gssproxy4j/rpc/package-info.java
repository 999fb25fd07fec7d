/** gssproxy4j rpc. */
package dev.gssproxy4j.rpc;
