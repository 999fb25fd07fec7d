/**
 * ONC RPC version 2 (RFC 5531): call and reply headers with every accept and reject status, authentication
 * flavours (decoded so that anything but AUTH_NONE can be refused), record marking (section 11) with
 * multi-fragment reassembly bounded by a maximum record size, and a served program's header checks
 * ({@link dev.gssproxy4j.rpc.ProgramDescriptor}) whose faults carry their replies
 * ({@link dev.gssproxy4j.rpc.RpcException}).
 */
package dev.gssproxy4j.rpc;
