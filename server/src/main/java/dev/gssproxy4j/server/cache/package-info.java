/**
 * The daemon's bounded caches, which a restart may drop without any client noticing: acceptor credentials opened from
 * sealed handles ({@link dev.gssproxy4j.server.cache.CredCache}), in-memory copies of their keytabs
 * ({@link dev.gssproxy4j.server.cache.KeytabMirrors}) and the described target names of accepted contexts
 * ({@link dev.gssproxy4j.server.cache.AcceptorNames}).
 */
package dev.gssproxy4j.server.cache;
