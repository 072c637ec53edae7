package dev.eddy.bench.nexmark;

/** A person who joins the auction site. */
public record Person(long id, String name, String emailAddress, String creditCard, String city, String state,
                     long dateTime) implements Event {
}
