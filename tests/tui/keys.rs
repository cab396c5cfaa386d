//! Key sequences through the app's update function.
