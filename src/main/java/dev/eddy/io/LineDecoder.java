package dev.eddy.io;

/** Turns one line of a file into an item, or {@code null} to skip the line. */
@FunctionalInterface
interface LineDecoder<T> {

    /**
     * @param line the line, without its line end
     * @param lineNumber its number in the file, from 1
     * @throws FileFormatException when the line can't become an item
     */
    T decode(String line, long lineNumber);
}
