package io.aerie.tools.shell;

import io.aerie.codecs.model.AclList;

/**
 * ACLs as zkCli writes them: {@code scheme:id:perms} entries separated by commas, perms a subset of
 * {@code cdrwa} (create, delete, read, write, admin), e.g. {@code world:anyone:cdrwa},
 * {@code digest:user:hash:cdrwa} (the id runs from the first to the last colon), {@code ip:10.0.0.0/8:r}.
 * Stateless.
 */
final class AclText
{
    private static final String PERMS = "cdrwa";
    private static final int[] PERM_BITS =
        { AclList.CREATE, AclList.DELETE, AclList.READ, AclList.WRITE, AclList.ADMIN };

    private AclText()
    {
    }

    /**
     * @param text one or more {@code scheme:id:perms}, comma separated.
     * @return a new list with the entries in order.
     * @throws IllegalArgumentException with a one-line reason for a malformed entry or an unknown permission.
     */
    static AclList parse(final String text)
    {
        final AclList acl = new AclList();
        for (final String entry : text.split(",", -1))
        {
            final int firstColon = entry.indexOf(':');
            final int lastColon = entry.lastIndexOf(':');
            if (firstColon <= 0 || firstColon == lastColon)
            {
                throw new IllegalArgumentException("ACL entry '" + entry + "' does not have the form scheme:id:perm");
            }
            acl.add(perms(entry.substring(lastColon + 1)), entry.substring(0, firstColon),
                entry.substring(firstColon + 1, lastColon));
        }

        return acl;
    }

    /**
     * The entries as zkCli's getAcl prints them: per entry {@code 'scheme,'id} then {@code : perms}.
     *
     * @param acl the list.
     * @return two lines per entry, each ending in a line separator.
     */
    static String format(final AclList acl)
    {
        final String eol = System.lineSeparator();
        final StringBuilder sb = new StringBuilder();
        for (int i = 0, n = acl.size(); i < n; i++)
        {
            sb.append('\'');
            acl.scheme(i, sb);
            sb.append(",'");
            acl.id(i, sb);
            sb.append(eol).append(": ").append(perms(acl.perms(i))).append(eol);
        }

        return sb.toString();
    }

    /**
     * @param perms permission bits.
     * @return the letters of {@code cdrwa} that are set, in that order.
     */
    static String perms(final int perms)
    {
        final StringBuilder sb = new StringBuilder(PERMS.length());
        for (int i = 0; i < PERM_BITS.length; i++)
        {
            if (0 != (perms & PERM_BITS[i]))
            {
                sb.append(PERMS.charAt(i));
            }
        }

        return sb.toString();
    }

    private static int perms(final String letters)
    {
        int perms = 0;
        for (int i = 0; i < letters.length(); i++)
        {
            final int index = PERMS.indexOf(letters.charAt(i));
            if (index < 0)
            {
                throw new IllegalArgumentException("unknown permission '" + letters.charAt(i) + "' in '" + letters +
                    "' (use the letters of " + PERMS + ")");
            }
            perms |= PERM_BITS[index];
        }

        return perms;
    }
}
