package dev.flinkkda.kda.options;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The file a path names once every symbolic link is followed: the real path of a file that exists,
 * else the real path of its directory and its name. Two paths name the same file when their real
 * files are equal or are hard links of one file.
 *
 * @param path the real path
 */
public record RealFile(Path path) {

    public RealFile {
        Objects.requireNonNull(path, "path");
    }

    /**
     * The real file of {@code given}, relative to the working directory.
     *
     * @throws IOException if a directory on the way does not exist or cannot be read
     */
    public static RealFile of(Path given) throws IOException {
        Path absolute = given.toAbsolutePath();
        if (Files.exists(absolute)) {
            return new RealFile(absolute.toRealPath());
        }
        Path directory = absolute.getParent();
        // A missing file, or a symbolic link to one: the link's place, in its real directory.
        return new RealFile(
                directory == null
                        ? absolute
                        : directory.toRealPath().resolve(absolute.getFileName()));
    }

    /** Whether something is there, a symbolic link to nothing included. */
    public boolean exists() {
        return Files.exists(path, LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * Whether it is a device or a named pipe (e.g. {@code /dev/null}): written in place, as there
     * is nothing to replace.
     */
    public boolean isSpecial() {
        return Files.exists(path) && !Files.isRegularFile(path) && !Files.isDirectory(path);
    }

    /**
     * Whether both name one file: the same real path, or two hard links of one file.
     *
     * @throws IOException if the file system cannot tell
     */
    public boolean isSameFileAs(RealFile other) throws IOException {
        if (path.equals(other.path)) {
            return true;
        }
        return Files.exists(path) && Files.exists(other.path) && Files.isSameFile(path, other.path);
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
