/**
 * The daemon's bounded caches, which a restart may drop without any client noticing: acceptor credentials opened from
 * sealed handles ({@link dev.gssproxy4j.server.cache.CredCache}), in-memory copies of their keytabs
 * ({@link dev.gssproxy4j.server.cache.KeytabMirrors}) and the described target names of accepted contexts
 * ({@link dev.gssproxy4j.server.cache.AcceptorNames}). All three are bounded the same way, least recently used first
 * out ({@link dev.gssproxy4j.server.cache.BoundedLru}), each under its own lock.
 */
package dev.gssproxy4j.server.cache;
