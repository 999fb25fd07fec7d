package dev.gssproxy4j.server.log;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * Why a file operation failed, as a person says it in a log line or an error: the system's reason, never the
 * exception's class.
 */
public final class FileErrors {

    private FileErrors() {}

    /** The reason alone (e.g. {@code permission denied}); the caller names the file. */
    public static String reason(IOException e) {
        return switch (e) {
            case NoSuchFileException f -> "no such file or directory";
            case AccessDeniedException f -> "permission denied";
            case NotDirectoryException f -> "not a directory";
            case FileAlreadyExistsException f -> "already exists";
            case FileSystemException f -> f.getReason() == null ? "cannot use it" : f.getReason();
            default -> e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        };
    }
}
