/**
 * {@code gssproxy4j demo}: the daemon on a throwaway realm with nothing installed but a JDK and MIT's GSS-API
 * library. Off the daemon's class path: the CLI loads this module in a class loader of its own
 * ({@code dev.gssproxy4j.cli.DemoLoader}).
 */
package dev.gssproxy4j.demo;
