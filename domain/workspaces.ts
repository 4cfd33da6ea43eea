/** Rules about a workspace that the API and the console share. Pure: no I/O. */

/** The longest workspace name, in characters (after trimming). */
export const WORKSPACE_NAME_MAX = 100;
