package dev.gssproxy4j.mech.posix;

/**
 * {@code struct ucred} from {@code getsockopt(SO_PEERCRED)} (socket(7)): the peer's process and effective ids as
 * they were when it called {@code connect()}.
 */
public record PeerCredentials(int pid, int uid, int gid) {
}
