package io.aerie.codecs.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AeriePropertiesTest
{
    private static final List<String> OWNED = List.of("aerie.sample.");
    private static final Set<String> KNOWN = AerieProperties.namesOf(SampleConfiguration.class);

    @TempDir
    Path tempDir;

    @Test
    void shouldKnowThePropNameConstantsOfAConfigurationClass()
    {
        assertEquals(Set.of("aerie.sample.member.id", "aerie.sample.dir"), KNOWN);
    }

    @Test
    void shouldNameAnUnknownPropertyInAnOwnedNamespaceAndTheClosestKnownOne()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> AerieProperties.check(properties("aerie.sample.memberid", "1"), OWNED, KNOWN,
                IllegalArgumentException::new));

        assertAll(
            () -> assertTrue(ex.getMessage().contains("unknown property aerie.sample.memberid"), ex.getMessage()),
            () -> assertTrue(ex.getMessage().contains("did you mean aerie.sample.member.id?"), ex.getMessage()),
            () -> assertTrue(ex.getMessage().contains(AerieProperties.STRICT_PROP_NAME + "=false"), ex.getMessage()));
    }

    @Test
    void shouldReportAMisspeltNamespaceCloseToAKnownProperty()
    {
        final String report = AerieProperties.unknown(properties("aerie.sampel.dir", "/x"), OWNED, KNOWN);

        assertEquals("unknown property aerie.sampel.dir (did you mean aerie.sample.dir?)", report);
    }

    @Test
    void shouldLeaveOtherComponentsPropertiesAlone()
    {
        final Properties properties = properties("aerie.other.seeds", "20");
        properties.setProperty("aerie.sample.dir", "/x");
        properties.setProperty("java.io.tmpdir", "/tmp");

        assertNull(AerieProperties.unknown(properties, OWNED, KNOWN));
    }

    @Test
    void shouldOnlyWarnWhenNotStrict()
    {
        final Properties properties = properties("aerie.sample.memberid", "1");
        properties.setProperty(AerieProperties.STRICT_PROP_NAME, "false");

        assertDoesNotThrow(() -> AerieProperties.check(properties, OWNED, KNOWN, IllegalArgumentException::new));
    }

    @Test
    void shouldLoadAFileWhereACommandLinePropertyWins() throws IOException
    {
        final Path file = tempDir.resolve("node.properties");
        Files.writeString(file,
            "aerie.sample.test.file.only = from-file  \naerie.sample.test.both=from-file\n", StandardCharsets.UTF_8);
        System.setProperty("aerie.sample.test.both", "from-command-line");
        try
        {
            final Set<String> names = AerieProperties.loadIntoSystemProperties(file);

            assertAll(
                () -> assertEquals(Set.of("aerie.sample.test.file.only", "aerie.sample.test.both"), names),
                () -> assertEquals("from-file", System.getProperty("aerie.sample.test.file.only")),
                () -> assertEquals("from-command-line", System.getProperty("aerie.sample.test.both")));
        }
        finally
        {
            System.clearProperty("aerie.sample.test.file.only");
            System.clearProperty("aerie.sample.test.both");
        }
    }

    @Test
    void shouldFailToLoadAFileThatIsNotThere()
    {
        assertThrows(IOException.class, () -> AerieProperties.loadIntoSystemProperties(tempDir.resolve("missing")));
    }

    private static Properties properties(final String name, final String value)
    {
        final Properties properties = new Properties();
        properties.setProperty(name, value);
        return properties;
    }

    public static final class SampleConfiguration
    {
        public static final String MEMBER_ID_PROP_NAME = "aerie.sample.member.id";
        public static final String DIR_PROP_NAME = "aerie.sample.dir";
        public static final String NOT_A_PROPERTY = "aerie.sample.ignored";
        public static final int MEMBER_ID_DEFAULT = 0;
    }
}
