package io.aerie.engine.tree;

import net.openhft.chronicle.values.Values;
import org.junit.jupiter.api.Test;

import java.security.CodeSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The class Chronicle Map would compile at run time is the one the build compiled: Chronicle finds it on the class
 * path (a class Chronicle compiles itself is defined with no code source location).
 */
class ChronicleClassGeneratorTest
{
    @Test
    void shouldFindTheMapStateClassOnTheClassPath()
    {
        for (final Class<?> valueType : ChronicleClassGenerator.VALUE_TYPES)
        {
            final Class<?> nativeClass = Values.nativeClassFor(valueType);

            assertEquals(ChronicleClassGenerator.nativeClassName(valueType), nativeClass.getName());
            final CodeSource codeSource = nativeClass.getProtectionDomain().getCodeSource();
            assertNotNull(null == codeSource ? null : codeSource.getLocation(),
                nativeClass + " was compiled at run time, not loaded from the class path");
        }
    }
}
