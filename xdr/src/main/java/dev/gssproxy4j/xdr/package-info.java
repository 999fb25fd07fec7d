/**
 * XDR, the External Data Representation of RFC 4506: a bounded {@link dev.gssproxy4j.xdr.XdrReader} and
 * {@link dev.gssproxy4j.xdr.XdrWriter}. Every length read from the wire is checked against the bytes that remain
 * and against a configurable cap ({@link dev.gssproxy4j.xdr.XdrLimits}) before anything is allocated, so a hostile
 * message can neither crash the decoder nor make it allocate more than the message itself is long.
 */
package dev.gssproxy4j.xdr;
