package io.aerie.bench.suite.zookeeper;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class FourLetterWordsTest
{
    @Test
    void shouldReadTheModeFromASrvrReply()
    {
        final String reply = "Zookeeper version: 3.9.5, built on 2026-02-11 20:14 UTC\n" +
            "Latency min/avg/max: 0/0.0/0\nReceived: 1\nSent: 0\nConnections: 1\nOutstanding: 0\n" +
            "Zxid: 0x100000000\nMode: leader\nNode count: 5\nProposal sizes last/min/max: -1/-1/-1\n";

        assertEquals("leader", FourLetterWords.mode(reply));
    }

    @Test
    void shouldHaveNoModeWhileNotServing()
    {
        assertNull(FourLetterWords.mode("This ZooKeeper instance is not currently serving requests\n"));
    }
}
